epoch small.case.json --format json --meta /nonexistent-dir/m.json
