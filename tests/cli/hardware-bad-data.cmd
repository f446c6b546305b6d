hardware --gpus 8xH100 --data bad-hardware --format json
