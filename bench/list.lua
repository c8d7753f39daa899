local xs = {}
for i = 0, 999999 do xs[#xs + 1] = i * 2 end
local total = 0
for i = 1, #xs do total = total + xs[i] end
print(total)
