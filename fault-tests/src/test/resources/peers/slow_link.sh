#!/bin/sh
# The slow link: 50 ms delay and 1 % loss, then the echo server on port $1.
# With sch_netem in the kernel: `tc qdisc add dev eth0 root netem delay 50ms loss 1%` (needs
# NET_ADMIN). Without it (CONFIG_NET_SCH_NETEM unset, as on the CI machines): the echo server
# listens on 127.0.0.1 behind a user-space relay that holds each chunk 25 ms in each direction,
# and the test drops 1 % of the container's inbound packets with iptables' statistic match.
if tc qdisc add dev eth0 root netem delay 50ms loss 1% 2>/dev/null; then
	echo "LINK netem"
	tc qdisc show dev eth0
	exec /usr/bin/python3 -u /peers/echo_router.py "$1"
fi
echo "LINK relay"
/usr/bin/python3 -u /peers/echo_router.py "$(($1 + 1))" 127.0.0.1 &
exec /usr/bin/python3 -u /peers/delay_proxy.py "$1" "$(($1 + 1))" 25
