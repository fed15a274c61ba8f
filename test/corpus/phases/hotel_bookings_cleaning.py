import numpy as np  # phase: setup
import pandas as pd  # phase: setup

hotels = pd.read_csv("hotel_bookings.csv")  # phase: data_loading
hotels.info()  # phase: data_exploration
print(hotels.isnull().sum())  # phase: data_exploration

hotels = hotels.drop_duplicates()  # phase: data_cleaning
hotels["children"] = hotels["children"].fillna(0)  # phase: data_cleaning
hotels["country"] = hotels["country"].fillna(hotels["country"].mode()[0])  # phase: data_cleaning
hotels = hotels.drop(columns=["company"])  # phase: data_cleaning
hotels = hotels.dropna(subset=["agent"])  # phase: data_cleaning

hotels = hotels[hotels["adr"] > 0]  # phase: data_cleaning
q_hi = hotels["adr"].quantile(0.99)  # phase: data_cleaning
hotels = hotels[hotels["adr"] < q_hi]  # phase: data_cleaning
hotels["reservation_status_date"] = pd.to_datetime(hotels["reservation_status_date"])  # phase: data_cleaning
hotels = hotels.rename(columns={"adr": "daily_rate"})  # phase: data_cleaning
hotels["hotel"] = hotels["hotel"].str.strip().str.lower()  # phase: data_cleaning
hotels.reset_index(drop=True, inplace=True)  # phase: data_cleaning

print(hotels.shape)  # phase: data_exploration
hotels.to_csv("hotel_bookings_clean.csv", index=False)  # phase: data_cleaning
