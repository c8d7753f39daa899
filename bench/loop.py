i = 0
x = 0.0
while i < 10000000:
    x = x + i * 0.5 - x / 3.0
    i = i + 1
print(x)
