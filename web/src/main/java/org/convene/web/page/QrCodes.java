package org.convene.web.page;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * QR codes drawn here as inline SVG, for the pages: no image service, nothing
 * fetched, and the page's content security policy is untouched (no style attributes). The code's own
 * text is not in the drawing; the page shows it beneath for typing.
 */
@Component
public class QrCodes {

    /** Quiet zone around the code, in modules, as scanners expect. */
    private static final int MARGIN = 4;

    /** The SVG of {@code text} as a QR code, labelled for screen readers with {@code label}. */
    public String svg(String text, String label) {
        try {
            var matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.MARGIN,
                                    MARGIN,
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M));
            var size = matrix.getWidth();
            var path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < size; x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" width=\"200\" height=\"200\""
                    + " viewBox=\"0 0 " + size + " " + matrix.getHeight() + "\" shape-rendering=\"crispEdges\""
                    + " aria-label=\"" + HtmlUtils.htmlEscape(label) + "\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot draw a QR code of this text", e);
        }
    }
}
