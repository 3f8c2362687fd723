package org.convene.notifications;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

/** Reads a QR code back out of a PNG, as a scanner at the door would. */
public final class QrScan {

    private QrScan() {}

    public static String text(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            var pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            var bitmap = new BinaryBitmap(
                    new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            return new QRCodeReader().decode(bitmap).getText();
        } catch (Exception e) {
            throw new AssertionError("Not a readable QR code", e);
        }
    }
}
