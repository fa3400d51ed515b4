package rush

// ProcessCPU is processCPU, for the benchmarks outside the package.
var ProcessCPU = processCPU
