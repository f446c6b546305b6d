whatif ../../docs/examples/epoch403.csv --host dave --gpus 8xH100 --gpus 2xB200 --model deepseek-ai/DeepSeek-V4-Flash-0731 --candidates 1 --format json
