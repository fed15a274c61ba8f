import gc  # phase: setup
import os  # phase: setup
import warnings  # phase: setup
import random  # phase: setup
import numpy as np  # phase: setup
import pandas as pd  # phase: setup

warnings.simplefilter("ignore", category=FutureWarning)  # phase: other
SEED = 2024  # phase: setup
random.seed(SEED)  # phase: setup
np.random.seed(SEED)  # phase: setup
os.environ["PYTHONHASHSEED"] = str(SEED)  # phase: setup
pd.options.display.max_rows = 200  # phase: setup
OUTPUT_DIR = "outputs"  # phase: other
os.makedirs(OUTPUT_DIR, exist_ok=True)  # phase: other
big = pd.read_feather("events.feather")  # phase: data_loading
daily = big.groupby(big["ts"].dt.date).size()  # phase: data_exploration
del big  # phase: other
gc.collect()  # phase: other
daily.to_csv(os.path.join(OUTPUT_DIR, "daily_counts.csv"))  # phase: data_exploration
