// Hugging Face beyond tokenizer + model (analytics/knowledge/transformers.json, stdlib_persistence.json): a ready-made
// pipeline('sentiment-analysis') exists to predict (it was an unknown call: setup from its device argument), the
// datasets library's Dataset.from_pandas / from_dict load data (a rename in its argument made it data_cleaning), and
// the Trainer's state.log_history is the training log its evaluation rounds wrote: model_evaluation.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a transformers pipeline predicts; its outputs turned into labels are predictions too', () => {
  assertPhases('hf_pipeline.py', [
    'import torch',
    'import pandas as pd',
    'from transformers import pipeline',
    'from sklearn.metrics import f1_score',
    'df = pd.read_csv("tweets.csv")',
    ['clf = pipeline("sentiment-analysis", device=0 if torch.cuda.is_available() else -1)', ['prediction']],
    ['outputs = clf(df["text"].tolist(), truncation=True, batch_size=64)', ['prediction']],
    ['labels = [1 if o["label"] == "NEGATIVE" else 0 for o in outputs]', ['prediction']],
    ['print(f1_score(df["target"], labels))', ['model_evaluation']],
  ]);
});

test('datasets.Dataset.from_pandas loads data; the Trainer log is evaluation', () => {
  assertPhases('hf_trainer.py', [
    'import pandas as pd',
    'from datasets import Dataset',
    'from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments',
    'df = pd.read_csv("train.csv")',
    ['train_ds = Dataset.from_pandas(df[["text", "target"]].rename(columns={"target": "label"}), preserve_index=False)', ['data_loading']],
    ['val_ds = Dataset.from_dict({"text": df["text"].tolist(), "label": df["target"].tolist()})', ['data_loading']],
    'model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)',
    'args = TrainingArguments(output_dir="out", evaluation_strategy="epoch")',
    'trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)',
    ['trainer.train()', ['model_training']],
    ['log = pd.DataFrame(trainer.state.log_history)', ['model_evaluation']],
    ['print(log[["epoch", "eval_loss"]].dropna())', ['model_evaluation']],
  ]);
});
