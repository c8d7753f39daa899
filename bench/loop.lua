local i = 0
local x = 0.0
while i < 10000000 do
    x = x + i * 0.5 - x / 3.0
    i = i + 1
end
print(x)
