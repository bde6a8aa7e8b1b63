/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.zmqspring.samples.imagepipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Real images for the pipeline: generated with {@code java.awt.image} (no downloads), and
 * the workers' work on them: scale, then grey-scale.
 */
public final class Images {

	private Images() {
	}

	/**
	 * Draw an image: a gradient sky, a few shapes and some noise, different per seed.
	 * @param seed the image's number
	 * @param width the width
	 * @param height the height
	 * @return the image, PNG-encoded
	 */
	public static byte[] generate(int seed, int width, int height) {
		Random random = new Random(seed);
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
					new Color(random.nextInt(0xFFFFFF))));
			g.fillRect(0, 0, width, height);
			for (int i = 0; i < 12; i++) {
				g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 160));
				int x = random.nextInt(width);
				int y = random.nextInt(height);
				int w = 10 + random.nextInt(width / 3);
				int h = 10 + random.nextInt(height / 3);
				if (i % 3 == 0) {
					g.fillOval(x, y, w, h);
				}
				else if (i % 3 == 1) {
					g.fillRect(x, y, w, h);
				}
				else {
					g.setStroke(new BasicStroke(1 + random.nextInt(6)));
					g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
				}
			}
			g.setColor(Color.WHITE);
			g.drawString("image #" + seed, 8, height - 8);
		}
		finally {
			g.dispose();
		}
		for (int i = 0; i < width * height / 20; i++) {
			int x = random.nextInt(width);
			int y = random.nextInt(height);
			image.setRGB(x, y, image.getRGB(x, y) ^ (random.nextInt(0x20) * 0x010101));
		}
		return encode(image);
	}

	/**
	 * The workers' job: scale an image and turn it grey.
	 * @param png the image, PNG-encoded
	 * @param scale the scale factor
	 * @return the scaled grey image, PNG-encoded
	 */
	public static byte[] scaleAndGrey(byte[] png, double scale) {
		BufferedImage source = decode(png);
		int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
		BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = grey.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return encode(grey);
	}

	/**
	 * Decode a PNG.
	 * @param png the bytes
	 * @return the image
	 */
	public static BufferedImage decode(byte[] png) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
			if (image == null) {
				throw new IllegalArgumentException("not an image (" + png.length + " bytes)");
			}
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] encode(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
