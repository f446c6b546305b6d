hardware --evaluate --format csv
