hardware --gpus 8H100
