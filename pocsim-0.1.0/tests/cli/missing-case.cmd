epoch
