epoch typo-refusals.case.json
