/* Compiles one public header alone (named by OMV_HEADER on the command line): it must include
 * everything it needs and nothing may precede it. */
#include OMV_HEADER

int main(void)
{
    return 0;
}
