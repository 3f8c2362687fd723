@NullMarked
package org.convene.notifications.newsletter.sending;

import org.jspecify.annotations.NullMarked;
