@NullMarked
package org.convene.web.organiser;

import org.jspecify.annotations.NullMarked;
