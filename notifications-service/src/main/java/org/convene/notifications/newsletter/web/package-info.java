@NullMarked
package org.convene.notifications.newsletter.web;

import org.jspecify.annotations.NullMarked;
