epoch no-such-file.case.json
