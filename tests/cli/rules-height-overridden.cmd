epoch rules-from-height.case.json --rules v0.2.14 --format table
