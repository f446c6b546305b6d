timeline --epoch -3
