# gnuplot bench/plots/reconcile-threads.gp  (from the repository root) -> docs/reconcile-threads.svg
set terminal svg size 640,360 dynamic font "sans,11"
set output "docs/reconcile-threads.svg"
set termoption noenhanced
set title "1000 ParkingApps on the mock API server, by reconcile threads"
set xlabel "RECONCILE_THREADS"
set logscale x 2
set xtics (5, 10, 20, 40)
set ylabel "every Deployment present after (s)"
set y2label "operator RSS (MiB)"
set yrange [0:16]
set y2range [0:240]
set ytics nomirror
set y2tics
set key bottom right
set grid ytics
set arrow from 4,15 to 50,15 nohead dashtype 2 lc rgb "#aa0000"
set label "goal 15 s" at 4.3,15.6 tc rgb "#aa0000"
set arrow from first 4, second 200 to first 50, second 200 nohead dashtype 3 lc rgb "#0055aa"
plot "bench/plots/reconcile-threads.dat" using 1:($2/1000) with linespoints lw 2 pt 7 title "all Deployments (s)", \
     "" using 1:3 axes x1y2 with linespoints lw 2 pt 5 title "RSS (MiB, goal < 200)"
