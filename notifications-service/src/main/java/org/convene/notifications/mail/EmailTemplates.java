package org.convene.notifications.mail;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders each kind of email as plain text and HTML from {@code templates/email/<kind>.txt|.html}. */
@Component
public class EmailTemplates {

    public record Rendered(String subject, String text, String html) {}

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    public Rendered render(String kind, String subject, Map<String, Object> model) {
        var context = new Context(java.util.Locale.UK, model);
        return new Rendered(subject, text.process(kind, context), html.process(kind, context));
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/email/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        // Spring's engine evaluates expressions with SpEL; the plain one would need OGNL.
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
