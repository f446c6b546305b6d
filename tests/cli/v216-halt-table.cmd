epoch ../vectors/v0.2.16/gen-s1582-h3-m3.case.json --format table
