hardware --evaluate --format table
