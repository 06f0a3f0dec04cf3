"""Local emulators: moto (gaps filled), LocalStack, PostgreSQL and a loopback HTTP backend."""
