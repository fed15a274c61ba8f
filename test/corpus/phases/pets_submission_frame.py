import pandas as pd  # phase: setup
from sklearn.ensemble import RandomForestClassifier  # phase: setup

train = pd.read_csv("train.csv")  # phase: data_loading
test = pd.read_csv("test.csv")  # phase: data_loading
features = ["Age", "Breed1", "Fee", "PhotoAmt"]  # phase: feature_engineering

rf = RandomForestClassifier(n_estimators=300, random_state=1)  # phase: model_training
rf.fit(train[features], train["AdoptionSpeed"])  # phase: model_training
preds = rf.predict(test[features])  # phase: prediction

sub = pd.DataFrame()  # phase: model_persistence
sub["PetID"] = test["PetID"]  # phase: model_persistence
sub["AdoptionSpeed"] = preds  # phase: model_persistence
print(sub.head())  # phase: prediction
sub.to_csv("submission.csv", index=False)  # phase: model_persistence
