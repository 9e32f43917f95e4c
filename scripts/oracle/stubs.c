/*
 * Stand-ins for what Wazuh's configuration readers link against but the oracle never reaches: the readers
 * of sections other daemons own (analysisd only checks those sections' names), and file and privilege helpers.
 */
#include "shared.h"

#define READER(name) int name() { return 0; }
READER(Read_Vulnerability_Detection) READER(authd_read_key_request) READER(Read_WazuhDB) READER(Read_WModule)
READER(Read_TaskManager) READER(Read_Syscheck) READER(Read_SCA) READER(Read_Rootcheck) READER(Read_Remote)
READER(Read_Office365) READER(Read_MS_Graph) READER(Read_Logtest) READER(Read_Localfile) READER(Read_Integrator)
READER(Read_Indexer) READER(Read_Github) READER(Read_GCP_pubsub) READER(Read_GCP_bucket) READER(Read_Fluent_Forwarder)
READER(Read_Client_Shared) READER(Read_ClientBuffer) READER(Read_Client) READER(Read_CSyslog) READER(Read_CReports)
READER(Read_CAgentless) READER(Read_Authd) READER(Read_AntiTampering) READER(Read_AgentUpgrade)

FILE *wfopen(const char *pathname, const char *mode) { return fopen(pathname, mode); }
DIR *wopendir(const char *name) { return opendir(name); }
void w_file_cloexec(__attribute__((unused)) FILE *fp) {}
gid_t Privsep_GetGroup(__attribute__((unused)) const char *name) { return getgid(); }

/* analysisd globals and JSON dumps that config.c refers to and the reading never uses. */
int fts_minsize_for_str = 14;
unsigned int fts_list_size = 32;
int default_timeframe = 360;
int maxdiff = 0, mindiff = 0, percent_diff = 20;
void *os_analysisd_rulelist, *os_analysisd_decoderlist_pn, *os_analysisd_decoderlist_nopn;
void _getRulesListJSON() {}
void _getDecodersListJSON() {}
void *OSHash_Free(__attribute__((unused)) OSHash *self) { return NULL; }
int isDebug(void) { return 0; }
