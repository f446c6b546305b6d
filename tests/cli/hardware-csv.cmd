hardware --gpus 8xH100,4xH200 --format csv
