@NullMarked
package org.convene.web.workshops;

import org.jspecify.annotations.NullMarked;
