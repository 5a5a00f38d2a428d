# Sourced by bench/compare-jars.sh and bench/compare-group-commit.sh.
# jmh JAR OUT_JSON SELECTION_AND_PARAMS...: one JMH run at headline settings (2 forks, 2 warm-up and
# 5 measurement iterations of 1 s) into OUT_JSON, with JMH's output in OUT_JSON.log.
jmh() {
  java -Djmh.ignoreLock=true -jar "$1" -f 2 -wi 2 -i 5 -w 1s -r 1s -rf json -rff "$2" "${@:3}" > "$2.log" 2>&1
}
