# PULL server: binds, prints every message it receives ("RECV <payload>"), so the test reads
# them from the container's log even while the container is cut off from the network.
import sys
import zmq

ctx = zmq.Context()
pull = ctx.socket(zmq.PULL)
pull.bind("tcp://*:%s" % sys.argv[1])
print("READY", flush=True)
while True:
    print("RECV " + pull.recv().decode(), flush=True)
