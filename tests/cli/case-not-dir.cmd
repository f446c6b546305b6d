case no-such-dir
