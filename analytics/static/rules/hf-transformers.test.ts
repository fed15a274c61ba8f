// Hugging Face transformers (analytics/knowledge/transformers.json): a tokenizer loaded with from_pretrained and
// called on texts makes features (it was a torch.Module: model_persistence, then prediction); a pretrained model
// loaded to be fine-tuned is built like torchvision's resnet50(pretrained=True): model_training.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

test('a transformers tokenizer makes features; a pretrained model and its warm-up schedule are training', () => {
  assertPhases('hf_finetune.py', [
    'import torch',
    'from transformers import AutoTokenizer, AutoModelForSequenceClassification, get_linear_schedule_with_warmup',
    ['tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")', ['feature_engineering']],
    ['enc = tokenizer(list(texts), truncation=True, padding=True, max_length=64, return_tensors="pt")', ['feature_engineering']],
    ['print(tokenizer.convert_ids_to_tokens(enc["input_ids"][0]))', ['feature_engineering']],
    ['model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=6)', ['model_training']],
    'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)',
    ['scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=0, num_training_steps=1000)', ['model_training']],
    ['model.save_pretrained("out")', ['model_persistence']],
    ['tokenizer.save_pretrained("out")', ['model_persistence']],
  ]);
});
