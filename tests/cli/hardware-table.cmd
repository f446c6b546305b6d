hardware --gpus 8xH100 --format table
