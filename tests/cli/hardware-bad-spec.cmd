hardware --gpus 8xH999
