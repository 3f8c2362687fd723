@NullMarked
package org.convene.notifications.web;

import org.jspecify.annotations.NullMarked;
