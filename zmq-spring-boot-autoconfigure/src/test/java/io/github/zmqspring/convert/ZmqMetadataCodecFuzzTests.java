package io.github.zmqspring.convert;

import com.code_intelligence.jazzer.junit.FuzzTest;

class ZmqMetadataCodecFuzzTests {

	@FuzzTest(maxDuration = "10s")
	void decode(byte[] data) {
		try {
			ZmqMetadataCodec.decode(data);
		}
		catch (ZmqMetadataException ex) {
		}
	}

}
