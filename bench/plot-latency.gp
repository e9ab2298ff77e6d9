# The latency distributions of one benchmark run (bench/results/*.dat: percentile, milliseconds), as cumulative
# curves on a logarithmic time axis, so that a cache hit (~1 ms) and an ffmpeg run (~500 ms) fit in one picture.
# Run from the repository root: gnuplot bench/plot-latency.gp
results = "bench/results"
files = system("ls " . results . "/*.dat")
set terminal pngcairo size 1100,650 font ",10"
set output results . "/latency.png"
set title "Latency distributions (one run, one machine)"
set xlabel "latency (ms, log scale)"
set ylabel "percentile"
set logscale x
set yrange [0:100]
set ytics 10
set grid xtics ytics mxtics
set key outside right
plot for [file in files] file using 2:1 with lines linewidth 2 \
  title system("basename " . file . " .dat")
