package org.convene.notifications.mail;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A person's check-in code as a PNG QR code for their email (issue 22): black on white with the quiet zone
 * scanners need, large enough for a phone held up at the door.
 */
public final class CheckInQr {

    /** The Content-ID the email's HTML shows it by. */
    public static final String CONTENT_ID = "check-in-qr";

    private static final int SIZE = 240;

    private CheckInQr() {}

    public static EmailTemplates.Inline of(String code) {
        try {
            var matrix = new QRCodeWriter()
                    .encode(
                            code,
                            BarcodeFormat.QR_CODE,
                            SIZE,
                            SIZE,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            var image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            var png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return new EmailTemplates.Inline(CONTENT_ID, png.toByteArray(), "image/png");
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot draw this check-in code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
