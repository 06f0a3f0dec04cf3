"""Labels every image uploaded under a prefix with Rekognition, and keeps a label index."""
