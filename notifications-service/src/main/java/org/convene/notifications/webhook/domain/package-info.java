@NullMarked
package org.convene.notifications.webhook.domain;

import org.jspecify.annotations.NullMarked;
