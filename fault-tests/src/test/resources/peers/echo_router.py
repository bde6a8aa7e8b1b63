# Request/reply server: a ROUTER that echoes every request with its envelope, as a REP would.
import sys
import zmq

ctx = zmq.Context()
router = ctx.socket(zmq.ROUTER)
router.bind("tcp://%s:%s" % (sys.argv[2] if len(sys.argv) > 2 else "*", sys.argv[1]))
print("READY", flush=True)
served = 0
while True:
    frames = router.recv_multipart()
    router.send_multipart(frames)
    served += 1
    if served % 100 == 0:
        print("SERVED %d" % served, flush=True)
