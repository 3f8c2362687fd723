@NullMarked
package org.convene.notifications.webhook.web;

import org.jspecify.annotations.NullMarked;
