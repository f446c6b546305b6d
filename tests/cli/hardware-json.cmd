hardware --gpus 8xH100 --gpus 4xH200,2xB200 --format json
