preelig preelig-e359.case.json --model MiniMaxAI/MiniMax-M2.7
