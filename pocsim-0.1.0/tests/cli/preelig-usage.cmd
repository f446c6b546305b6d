preelig
