# The latency distributions of one benchmark run (bench/results/*.dat: percentile, milliseconds), as cumulative
# curves on a logarithmic time axis, so that a cache hit (~1 ms) and an ffmpeg run (~500 ms) fit in one picture.
# Floors (a name with "floor" or "bare") are dashed. Run from the repository root: gnuplot bench/plot-latency.gp
results = "bench/results"
files = system("ls " . results . "/*.dat")
name(file) = system("basename " . file . " .dat")
is_floor(file) = strstrt(file, "floor") > 0 || strstrt(file, "bare") > 0

set terminal pngcairo size 1100,650 font ",10"
set output results . "/latency.png"
set title "Latency distributions (one run, one machine; dashed: floors)"
set xlabel "latency (ms, log scale)"
set ylabel "percentile"
set logscale x
set yrange [0:100]
set ytics 10
set grid xtics ytics mxtics
set key outside right
# One line type per series: more distinct colours than series, floors dashed.
colours = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f #bcbd22 #17becf #000000 #0000ff"
do for [i = 1:words(files)] {
  dash = is_floor(word(files, i)) ? 2 : 1
  set linetype i linecolor rgb word(colours, i) linewidth 2 dashtype dash
}
plot for [i = 1:words(files)] word(files, i) using 2:1 with lines linetype i title name(word(files, i))
