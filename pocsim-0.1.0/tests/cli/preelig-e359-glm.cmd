preelig preelig-e359.case.json --model zai-org/GLM-5.2-FP8
