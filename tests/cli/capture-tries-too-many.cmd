capture --node http://127.0.0.1:9 -o capture-never-created --tries 101
