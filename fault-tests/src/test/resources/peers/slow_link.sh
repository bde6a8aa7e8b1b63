#!/bin/sh
# The slow link: 50 ms delay and 1 % loss on the container's interface (needs NET_ADMIN), then
# the echo server.
set -e
tc qdisc add dev eth0 root netem delay 50ms loss 1%
tc qdisc show dev eth0
exec /usr/bin/python3 -u /peers/echo_router.py "$1"
